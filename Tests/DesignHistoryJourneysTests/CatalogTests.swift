import DesignHistoryJourneys
import Testing

@Test func journeyIdsAreUnique() {
    let ids = DesignHistoryJourneys.catalog.journeys.map(\.id)
    #expect(Set(ids).count == ids.count)
}
