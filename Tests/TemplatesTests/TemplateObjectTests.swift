import Templates
import Testing

@Test(arguments: [3, 12, 13, 40])
func objectsKeepInsertionOrderAndFindEveryKey(_ count: Int) {
    var object = TemplateObject()
    for n in 0..<count { object["k\(n)"] = .number(Double(n)) }
    object["k1"] = .string("replaced")
    #expect(object.count == count)
    #expect(object.keys == (0..<count).map { "k\($0)" })
    for n in 0..<count where n != 1 {
        guard case .number(let value)? = object["k\(n)"] else { Issue.record("k\(n) missing"); continue }
        #expect(value == Double(n))
    }
    #expect(object["k1"]?.stringValue == "replaced")
    #expect(object["missing"] == nil)
    object["k0"] = nil
    #expect(object["k0"] == nil)
    #expect(object.count == count - 1)
    #expect(object.keys.first == "k1")
    #expect(object["k\(count - 1)"]?.stringValue == String(count - 1))
    object["new"] = .bool(true)
    #expect(object.pairs.last?.key == "new")
}
