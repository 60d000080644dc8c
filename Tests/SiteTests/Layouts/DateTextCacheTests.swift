import Foundation
import Templates
import Testing
@testable import Site

/// The site's `govukDate` and `atomDate` remember each date value's text; they must give what the
/// filters give without remembering, for dates asked again, with formats and for values that are
/// not dates.
@Suite struct DateTextCacheTests {
    @Test func theSiteFilterGivesWhatTheEnginesGives() throws {
        let engine = try #require(TemplateEnvironment.designHistory(loader: TemplateLoader(searchPaths: [])).filters["govukDate"])
        let site = try #require(SiteRenderer(configuration: SiteConfiguration(root: FileManager.default.temporaryDirectory)).environment.filters["govukDate"])
        let values: [TemplateValue] = [
            .date(Date(timeIntervalSince1970: 1_701_388_800)), .date(Date(timeIntervalSince1970: 1_701_388_800)),
            .date(Date(timeIntervalSince1970: 1_701_388_799)), .date(Date(timeIntervalSince1970: -86_400 * 365)),
            .string("2024-02-29"), .string("soon"), .number(1_701_388_800_000), .undefined, .null,
        ]
        let argumentSets = [TemplateArguments(), TemplateArguments(positional: [.string("truncate")]),
                            TemplateArguments(positional: [.string("yyyy")]),
                            TemplateArguments(keyword: TemplateObject([("format", .string("d MMM"))]))]
        // Twice over: the second time, dates come from the cache.
        for _ in 0..<2 {
            for arguments in argumentSets {
                for value in values {
                    let expected = try engine(value, arguments).stringValue
                    #expect(try site(value, arguments).stringValue == expected, "\(value) \(arguments.positional)")
                }
            }
        }
        #expect(try site(values[0], TemplateArguments()).stringValue == "1 December 2023")
        #expect(try site(values[2], TemplateArguments()).stringValue == "30 November 2023")
    }

    @Test func atomDateGivesTheDateAsRFC3339() throws {
        let site = try #require(SiteRenderer(configuration: SiteConfiguration(root: FileManager.default.temporaryDirectory)).environment.filters["atomDate"])
        let values: [TemplateValue] = [
            .date(Date(timeIntervalSince1970: 1_701_388_800)), .date(Date(timeIntervalSince1970: 1_701_388_800)),
            .date(Date(timeIntervalSince1970: 1_701_388_799)), .date(Date(timeIntervalSince1970: -62_135_596_800 - 86_400)),
            .string("2024-02-29"), .string("soon"), .number(1_701_388_800_000), .undefined,
        ]
        for _ in 0..<2 {
            for value in values {
                let expected = LayoutFilters.rfc3339(value).map(TemplateValue.string) ?? .undefined
                #expect(try site(value, TemplateArguments()).stringValue == expected.stringValue, "\(value)")
            }
        }
        #expect(try site(values[0], TemplateArguments()).stringValue == "2023-12-01T00:00:00Z")
        #expect(try site(values[2], TemplateArguments()).stringValue == "2023-11-30T23:59:59Z")
    }

    @Test func aDateIsMadeOnce() {
        let cache = DateTextCache()
        var made = 0
        let date = Date(timeIntervalSince1970: 1_701_388_800)
        for _ in 0..<3 {
            #expect(cache.text(of: date) { made += 1; return .string("1 December 2023") }.stringValue == "1 December 2023")
        }
        _ = cache.text(of: date.addingTimeInterval(1)) { made += 1; return .string("other") }
        #expect(made == 2)
    }
}
