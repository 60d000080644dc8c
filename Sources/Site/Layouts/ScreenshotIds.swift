/// The ids taken on a page while its screenshots are named: the page's own (its headings'), then
/// each item's. A taken id gets the first free suffix `-1`, `-2`… as markdown-it-anchor gives them.
///
/// A page has a few headings and screenshots, so the ids are kept in a list searched in order
/// (comparing a few short strings costs less than hashing each one); past `listLimit` ids they
/// move to a dictionary, so that a page of hundreds stays linear.
struct ScreenshotIds {
    /// Each id with the next suffix to try for it.
    private var list: [(id: String, next: Int)] = []
    private var table: [String: Int]?
    private static let listLimit = 32

    init(reserved: some Collection<String>) {
        list.reserveCapacity(min(reserved.count, Self.listLimit) + 4)
        for id in reserved { add(id) }
    }

    /// Takes `id`, or its first free suffixed form when it is taken; returns the id taken.
    mutating func take(_ id: String) -> String {
        guard let next = suffix(of: id) else {
            add(id)
            return id
        }
        var candidate = next
        while suffix(of: "\(id)-\(candidate)") != nil { candidate += 1 }
        setSuffix(of: id, to: candidate + 1)
        let taken = "\(id)-\(candidate)"
        add(taken)
        return taken
    }

    /// The next suffix to try for a taken id; nil when `id` is free.
    private func suffix(of id: String) -> Int? {
        if let table { return table[id] }
        for entry in list where entry.id == id { return entry.next }
        return nil
    }

    private mutating func setSuffix(of id: String, to next: Int) {
        if table != nil {
            table?[id] = next
            return
        }
        for index in list.indices where list[index].id == id {
            list[index].next = next
            return
        }
    }

    /// Adds a free id.
    private mutating func add(_ id: String) {
        if table != nil {
            table?[id] = 1
            return
        }
        list.append((id, 1))
        if list.count > Self.listLimit {
            var table: [String: Int] = [:]
            table.reserveCapacity(list.count * 2)
            for entry in list { table[entry.id] = entry.next }
            self.table = table
            list = []
        }
    }
}
