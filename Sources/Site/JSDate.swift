import Foundation
import Templates

/// Dates as Eleventy and JavaScript write and read them.
enum JSDate {
    /// `Date.prototype.toISOString()`: `2023-12-01T00:00:00.000Z`.
    static func isoString(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let msOfDay = millis - days * 86_400_000
        let (year, month, day) = CivilDate.fromDays(Int(days))
        func pad(_ n: Int64, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        func pad(_ n: Int, _ width: Int) -> String { pad(Int64(n), width) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
    }

    /// An ISO 8601 date string as Eleventy reads a `date` string (Luxon, in UTC): `2023-12-01`,
    /// `2023-12-01T10:30`, `2023-12-01T10:30:00.000+01:00`, `2023-12-01 10:30:00Z`.
    static func parseISO(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = JSYAMLScalar.timestamp(Array(trimmed.utf8)) { return date }
        // Times without seconds: add them and try again.
        let bytes = Array(trimmed.utf8)
        if bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
           bytes.count == 16 || bytes[16] != UInt8(ascii: ":") {
            let withSeconds = String(decoding: bytes[0..<16], as: UTF8.self) + ":00" + String(decoding: bytes[16...], as: UTF8.self)
            return JSYAMLScalar.timestamp(Array(withSeconds.utf8))
        }
        return nil
    }
}
