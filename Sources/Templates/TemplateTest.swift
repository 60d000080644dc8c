/// The tests of `value is name(args)`, also used by the `select` and `reject` filters.
enum TemplateTest {
    static func run(_ name: String, _ value: TemplateValue, _ arguments: [TemplateValue]) throws -> Bool {
        let argument = arguments.first ?? .undefined
        switch name {
        case "defined": if case .undefined = value { return false } else { return true }
        case "undefined": if case .undefined = value { return true } else { return false }
        case "none", "null": if case .null = value { return true } else { return false }
        case "number": return value.isNumber
        case "string": return value.isString
        case "boolean": if case .bool = value { return true } else { return false }
        case "odd": return value.numberValue.truncatingRemainder(dividingBy: 2) != 0 && !value.numberValue.isNaN
        case "even": return value.numberValue.truncatingRemainder(dividingBy: 2) == 0
        case "divisibleby": return value.numberValue.truncatingRemainder(dividingBy: argument.numberValue) == 0
        case "equalto", "eq", "sameas", "==": return value.strictlyEquals(argument)
        case "ne", "!=": return !value.strictlyEquals(argument)
        case "lt", "lessthan", "<": return value.compare(argument, .less)
        case "gt", "greaterthan", ">": return value.compare(argument, .greater)
        case "le", "<=": return value.compare(argument, .lessOrEqual)
        case "ge", ">=": return value.compare(argument, .greaterOrEqual)
        case "truthy": return value.isTruthy
        case "falsy": return !value.isTruthy
        case "iterable":
            switch value {
            case .array, .string, .safe: return true
            default: return false
            }
        case "mapping": if case .object = value { return true } else { return false }
        case "callable": if case .function = value { return true } else { return false }
        case "lower": return value.isString && value.stringValue == value.stringValue.lowercased()
        case "upper": return value.isString && value.stringValue == value.stringValue.uppercased()
        case "escaped": if case .safe = value { return true } else { return false }
        default:
            throw TemplateCallError("unknown test '\(name)'")
        }
    }
}
