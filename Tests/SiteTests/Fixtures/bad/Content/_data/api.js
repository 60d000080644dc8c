const fetch = require('node-fetch')
module.exports = async () => (await fetch('https://example.com')).json()
