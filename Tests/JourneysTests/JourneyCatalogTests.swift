import Journeys
import Testing

@Test func catalogFindsJourneyById() {
    let catalog = JourneyCatalog([Journey("sign-in", title: "Sign in")])
    #expect(catalog["sign-in"]?.title == "Sign in")
    #expect(catalog["other"] == nil)
}
