import Foundation
@testable import Templates
import Testing

/// The byte-wise formatter (every ASCII pattern) must write exactly what the `Character` one
/// writes: dates across eras, including negative years, which `pad` writes as `00-5`.
@Test(arguments: ["d LLLL yyyy", "d LLL yyyy", "yyyy-MM-dd", "d MMMM yyyy, HH:mm", "EEE d MMM yy 'at' h:mm a", "EEEE c E S SSS s ss m H Z ZZ ZZZ z",
                  "'unclosed quote", "''", "qq dd MM yy yyyyy LLLLL", ""])
func byteWiseDateFormatMatchesCharacters(pattern: String) {
    let seconds: [Double] = [0, 1_701_388_800, 1_701_388_800.123, -86_400 * 800_000, -62_200_000_000, 253_402_300_799, -1, 951_782_400]
    for second in seconds {
        let date = Date(timeIntervalSince1970: second)
        #expect(TemplateDateFormat.format(date, pattern) == TemplateDateFormat.formatCharacters(date, pattern), "\(pattern) at \(second)")
    }
}

@Test func nonASCIIDatePatternsKeepCharacters() {
    let date = Date(timeIntervalSince1970: 1_701_388_800)
    #expect(TemplateDateFormat.format(date, "d LLLL yyyy — é") == "1 December 2023 — é")
    // A token letter with a combining mark is a character of its own, written as it is.
    #expect(TemplateDateFormat.format(date, "d\u{301} yyyy") == "d\u{301} 2023")
}

/// The formatter writes into a buffer sized from the pattern (`TemplateDateBytes`): the patterns
/// that write the most for their length (one-letter tokens of years with six digits and a sign,
/// `a`, `z`, `ZZ`, long month and day names) at the ends of JavaScript's date range come out whole.
@Test func theLongestOutputsForTheirPatternsComeOutWhole() {
    let earliest = Date(timeIntervalSince1970: -8.64e12), latest = Date(timeIntervalSince1970: 8.64e12)
    let september = Date(timeIntervalSince1970: 1_694_563_200)  // Wednesday 13 September 2023
    #expect(TemplateDateFormat.format(earliest, "yyyyyyy") == "-271821")
    #expect(TemplateDateFormat.format(latest, "y") == "275760")
    #expect(TemplateDateFormat.format(earliest, "y|y") == "-271821|-271821")
    #expect(TemplateDateFormat.format(september, "LLLL EEEE azZZZ") == "September Wednesday amUTCUTC")
    #expect(TemplateDateFormat.formatCharacters(earliest, "y y é") == "-271821 -271821 é")
}
