import Templates
import Testing

@Test(arguments: [3, 12, 13, 16, 17, 40, 300])
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

@Test func copiesOfAnObjectChangeIndependently() {
    var original = TemplateObject([("a", .number(1)), ("b", .number(2))])
    var copy = original
    copy["a"] = .string("changed")
    copy["c"] = .bool(true)
    original["b"] = nil
    #expect(original.keys == ["a"] && original["a"]?.stringValue == "1")
    #expect(copy.keys == ["a", "b", "c"] && copy["a"]?.stringValue == "changed" && copy["b"]?.stringValue == "2")
    // Removing a key an object does not have changes nothing, shared or not.
    let shared = copy
    copy["missing"] = nil
    #expect(copy.keys == shared.keys)
    // Every empty object starts from the same storage; filling one leaves the others empty.
    var first = TemplateObject(), second = TemplateObject()
    first["x"] = .null
    #expect(first.count == 1 && second.isEmpty)
    second["y"] = .null
    #expect(second.keys == ["y"] && first.keys == ["x"])
}

@Test func aLargeObjectFindsEveryKeyAfterRemovalsAndUnicodeKeys() {
    var object = TemplateObject()
    let keys = (0..<200).map { $0 % 3 == 0 ? "clé-\($0)" : $0 % 3 == 1 ? "キー\($0)" : "a rather longer key number \($0)" }
    for (n, key) in keys.enumerated() { object[key] = .number(Double(n)) }
    for (n, key) in keys.enumerated() where n % 2 == 0 { object[key] = nil }
    #expect(object.count == 100)
    for (n, key) in keys.enumerated() {
        if n % 2 == 0 { #expect(object[key] == nil, "\(key)") } else { #expect(object[key]?.stringValue == String(n), "\(key)") }
    }
    for (n, key) in keys.enumerated() where n % 4 == 0 { object[key] = .string("back") }
    #expect(object.count == 150)
    #expect(object.keys.suffix(50) == keys.enumerated().filter { $0.offset % 4 == 0 }.map(\.element))
    #expect(object[keys[4]]?.stringValue == "back" && object[keys[5]]?.stringValue == "5")
}

@Test func aValueIsNoWiderThanAStringAndATag() {
    // Values are copied on every lookup: an object is one reference and a function at most two (its
    // box and the render a macro is bound to), so that the widest payload is a string's two words.
    #expect(MemoryLayout<TemplateValue>.size <= MemoryLayout<String>.size + 1)
    #expect(MemoryLayout<TemplateObject>.size == MemoryLayout<Int>.size)
    #expect(MemoryLayout<TemplateFunction>.size <= MemoryLayout<String>.size)
}

/// Absent keys are answered from one bit per key (`TemplateObjectStorage.keyBits`): keys sharing
/// a bit, removed keys and copies must all still be found exactly, at every size.
@Test(arguments: [1, 5, 16, 17, 80])
func absentKeysAreAbsentAndPresentKeysFoundAfterRemovals(_ count: Int) {
    var object = TemplateObject()
    for i in 0..<count { object["key\(i)"] = .number(Double(i)) }
    for i in 0..<count { #expect(object["key\(i)"]?.numberValue == Double(i)) }
    for i in count..<(count + 200) { #expect(object["key\(i)"] == nil) }
    var copy = object
    for i in stride(from: 0, to: count, by: 2) { copy["key\(i)"] = nil }
    for i in 0..<count {
        #expect((copy["key\(i)"] != nil) == (i % 2 == 1))
        #expect(object["key\(i)"]?.numberValue == Double(i))
    }
    copy["key0"] = .string("back")
    #expect(copy["key0"]?.stringValue == "back")
    #expect(copy.keys.last == "key0")
}
