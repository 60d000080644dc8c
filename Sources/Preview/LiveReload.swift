import Foundation

/// The live-reload script the server adds to every HTML response (never to the built files), and
/// where it is added.
///
/// The script listens to the server's event stream and reloads the tab when a build finishes,
/// keeping the scroll position across the reload (in `sessionStorage`, per path).
enum LiveReload {
    /// The server-sent-events endpoint; outside any `pathPrefix`, and unlikely to clash with a page.
    static let eventsPath = "/__design-history/events"

    /// The script for a page served at build `token`.
    static func script(token: String) -> String {
        // The token is made of [0-9a-z-] only; escape anyway so a future change cannot break out.
        let safeToken = token.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" }
        return """
        <script data-design-history-preview>
        (function () {
          var key = "design-history-preview:scroll:" + location.pathname;
          try {
            var saved = sessionStorage.getItem(key);
            if (saved !== null) {
              sessionStorage.removeItem(key);
              var y = parseInt(saved, 10) || 0;
              var restore = function () { window.scrollTo(0, y); };
              if (document.readyState === "complete") { restore(); } else { window.addEventListener("load", restore); }
            }
          } catch (e) {}
          if (!window.EventSource) { return; }
          var source = new EventSource("\(eventsPath)?since=\(String(String.UnicodeScalarView(safeToken)))");
          source.addEventListener("reload", function () {
            try { sessionStorage.setItem(key, String(window.scrollY || window.pageYOffset || 0)); } catch (e) {}
            source.close();
            location.reload();
          });
        })();
        </script>

        """
    }

    /// `html` with the script inserted before its last `</body>` (any case), or at the end.
    static func inject(into html: Data, token: String) -> Data {
        let script = Data(script(token: token).utf8)
        guard let position = lastBodyClose(in: html) else { return html + script }
        var result = Data(capacity: html.count + script.count)
        result.append(html[html.startIndex..<position])
        result.append(script)
        result.append(html[position...])
        return result
    }

    /// The index of the last `</body` in `data`, case-insensitively.
    static func lastBodyClose(in data: Data) -> Data.Index? {
        let pattern: [UInt8] = Array("</body".utf8)
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Data.Index? in
            guard buffer.count >= pattern.count else { return nil }
            var index = buffer.count - pattern.count
            while index >= 0 {
                var matches = true
                for offset in 0..<pattern.count {
                    var byte = buffer[index + offset]
                    if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                    if byte != pattern[offset] { matches = false; break }
                }
                if matches { return data.startIndex + index }
                index -= 1
            }
            return nil
        }
    }
}
