import Foundation

/// Encodes `Encodable` models as `LuaValue`s, so that host data can be
/// handed to scripts as read-only views.
///
/// Structs and dictionaries become tables, arrays become arrays, `Date`
/// becomes an ISO 8601 string, `URL` its absolute string, optionals that
/// are `nil` are left out.
public struct LuaValueEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws(LuaError) -> LuaValue {
        let root = Node()
        do {
            try Self.encode(value, into: root, path: [])
        } catch let error as LuaError {
            throw error
        } catch {
            throw LuaError(kind: .conversion, message: "cannot encode \(T.self): \(error)")
        }
        return root.value
    }

    static func encode(_ value: some Encodable, into node: Node, path: [any CodingKey]) throws {
        switch value {
        case let date as Date:
            node.value = .string(ISO8601DateFormatter().string(from: date))
        case let url as URL:
            node.value = .string(url.absoluteString)
        case let data as Data:
            node.value = .string(data.base64EncodedString())
        case let decimal as Decimal:
            node.value = .number(NSDecimalNumber(decimal: decimal).doubleValue)
        default:
            try value.encode(to: NodeEncoder(node: node, codingPath: path))
        }
    }
}

/// A value under construction: scalars are stored at once, containers keep
/// their children until the value is read.
final class Node {
    enum Content {
        case scalar(LuaValue)
        case keyed([(String, Node)])
        case unkeyed([Node])
    }

    var content: Content = .scalar(.nil)

    var value: LuaValue {
        get {
            switch content {
            case .scalar(let v): return v
            case .unkeyed(let nodes): return .array(nodes.map(\.value))
            case .keyed(let pairs):
                var table: [LuaValue: LuaValue] = [:]
                for (key, node) in pairs {
                    let v = node.value
                    if !v.isNil { table[.string(key)] = v }
                }
                return .table(table)
            }
        }
        set { content = .scalar(newValue) }
    }

    func child(forKey key: String) -> Node {
        let node = Node()
        if case .keyed(var pairs) = content {
            pairs.removeAll { $0.0 == key }
            pairs.append((key, node))
            content = .keyed(pairs)
        } else {
            content = .keyed([(key, node)])
        }
        return node
    }

    func appendChild() -> Node {
        let node = Node()
        if case .unkeyed(var nodes) = content {
            nodes.append(node)
            content = .unkeyed(nodes)
        } else {
            content = .unkeyed([node])
        }
        return node
    }
}

struct NodeEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).value = .nil }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.child(forKey: key.stringValue).value = .boolean(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.child(forKey: key.stringValue).value = .string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.child(forKey: key.stringValue).value = .number(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.child(forKey: key.stringValue).value = .number(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.child(forKey: key.stringValue).value = .integer(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.child(forKey: key.stringValue).value = .integer(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try LuaValueEncoder.encode(value, into: node.child(forKey: key.stringValue), path: codingPath + [key])
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = node.child(forKey: key.stringValue)
        child.content = .keyed([])
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.content = .unkeyed([])
        return UnkeyedNodeContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    var count: Int {
        if case .unkeyed(let nodes) = node.content { return nodes.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendChild().value = .nil }
    mutating func encode(_ value: Bool) throws { node.appendChild().value = .boolean(value) }
    mutating func encode(_ value: String) throws { node.appendChild().value = .string(value) }
    mutating func encode(_ value: Double) throws { node.appendChild().value = .number(value) }
    mutating func encode(_ value: Int) throws { node.appendChild().value = .integer(Int64(value)) }
    mutating func encode(_ value: Int64) throws { node.appendChild().value = .integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try LuaValueEncoder.encode(value, into: node.appendChild(), path: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = node.appendChild()
        child.content = .keyed([])
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.appendChild()
        child.content = .unkeyed([])
        return UnkeyedNodeContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendChild(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: Node
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.value = .nil }
    mutating func encode(_ value: Bool) throws { node.value = .boolean(value) }
    mutating func encode(_ value: String) throws { node.value = .string(value) }
    mutating func encode(_ value: Double) throws { node.value = .number(value) }
    mutating func encode(_ value: Float) throws { node.value = .number(Double(value)) }
    mutating func encode(_ value: Int) throws { node.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int64) throws { node.value = .integer(value) }
    mutating func encode(_ value: Int32) throws { node.value = .integer(Int64(value)) }
    mutating func encode(_ value: UInt8) throws { node.value = .integer(Int64(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try LuaValueEncoder.encode(value, into: node, path: codingPath)
    }
}
