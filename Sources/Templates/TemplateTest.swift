/// The tests of `value is name(args)`, also used by the `select` and `reject` filters.
///
/// A test is found by its name once (`init(named:)`) and then run on every item: `select` over a
/// list would otherwise compare the name with every test's name for every item.
enum TemplateTest {
    case defined, undefined, none, number, string, boolean, odd, even, divisibleBy
    case equal, notEqual, less, greater, lessOrEqual, greaterOrEqual
    case truthy, falsy, iterable, mapping, callable, lower, upper, escaped

    /// The test called `name`, with its aliases (`eq`, `==`, `lessthan`…).
    init(named name: String) throws(TemplateCallError) {
        switch name {
        case "truthy": self = .truthy
        case "defined": self = .defined
        case "undefined": self = .undefined
        case "none", "null": self = .none
        case "number": self = .number
        case "string": self = .string
        case "boolean": self = .boolean
        case "odd": self = .odd
        case "even": self = .even
        case "divisibleby": self = .divisibleBy
        case "equalto", "eq", "sameas", "==": self = .equal
        case "ne", "!=": self = .notEqual
        case "lt", "lessthan", "<": self = .less
        case "gt", "greaterthan", ">": self = .greater
        case "le", "<=": self = .lessOrEqual
        case "ge", ">=": self = .greaterOrEqual
        case "falsy": self = .falsy
        case "iterable": self = .iterable
        case "mapping": self = .mapping
        case "callable": self = .callable
        case "lower": self = .lower
        case "upper": self = .upper
        case "escaped": self = .escaped
        default: throw TemplateCallError("unknown test '\(name)'")
        }
    }

    static func run(_ name: String, _ value: TemplateValue, _ arguments: [TemplateValue]) throws -> Bool {
        try TemplateTest(named: name).run(value, arguments)
    }

    func run(_ value: TemplateValue, _ arguments: [TemplateValue]) -> Bool {
        let argument = arguments.first ?? .undefined
        switch self {
        case .defined: if case .undefined = value { return false } else { return true }
        case .undefined: if case .undefined = value { return true } else { return false }
        case .none: if case .null = value { return true } else { return false }
        case .number: return value.isNumber
        case .string: return value.isString
        case .boolean: if case .bool = value { return true } else { return false }
        case .odd: return value.numberValue.truncatingRemainder(dividingBy: 2) != 0 && !value.numberValue.isNaN
        case .even: return value.numberValue.truncatingRemainder(dividingBy: 2) == 0
        case .divisibleBy: return value.numberValue.truncatingRemainder(dividingBy: argument.numberValue) == 0
        case .equal: return value.strictlyEquals(argument)
        case .notEqual: return !value.strictlyEquals(argument)
        case .less: return value.compare(argument, .less)
        case .greater: return value.compare(argument, .greater)
        case .lessOrEqual: return value.compare(argument, .lessOrEqual)
        case .greaterOrEqual: return value.compare(argument, .greaterOrEqual)
        case .truthy: return value.isTruthy
        case .falsy: return !value.isTruthy
        case .iterable:
            switch value {
            case .array, .string, .safe: return true
            default: return false
            }
        case .mapping: if case .object = value { return true } else { return false }
        case .callable: if case .function = value { return true } else { return false }
        case .lower: return value.isString && value.stringValue == value.stringValue.lowercased()
        case .upper: return value.isString && value.stringValue == value.stringValue.uppercased()
        case .escaped: if case .safe = value { return true } else { return false }
        }
    }
}
