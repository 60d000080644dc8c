// Only an object literal: read without running anything.
module.exports = {
  productName: 'Fixture product', // a comment
  links: [1, 2, 3,],
}
