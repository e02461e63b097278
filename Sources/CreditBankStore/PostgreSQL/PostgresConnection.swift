import CLibPQ
import Foundation

/// What PostgreSQL answered when a statement failed: its SQLSTATE and message.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE (`23505` unique violation, `40001` serialization failure, …).
    public var state: String
    public var message: String

    public var description: String { "PostgreSQL \(state): \(message)" }

    /// A unique, foreign-key, check or not-null violation, or a trigger's refusal (class 23).
    var isIntegrityViolation: Bool { state.hasPrefix("23") }
    /// A serializable transaction lost to a concurrent one, or a deadlock: run it again.
    var isRetryable: Bool { state == "40001" || state == "40P01" }
}

/// One libpq connection, used by one thread at a time (the pool hands it to one transaction, which is
/// why it may cross threads: unchecked Sendable). Statements are prepared once per connection
/// (named `s1`, `s2`, …) and results come in binary format.
final class PostgresConnection: @unchecked Sendable {
    private let raw: OpaquePointer
    private var prepared: [String: String] = [:]

    /// Connects with a libpq connection string or URL (`postgresql://user@host:port/db`; the `PG*`
    /// environment variables fill what it leaves out).
    /// - Throws: `PostgresError` with state `08001` when the server cannot be reached.
    init(conninfo: String) throws {
        guard let connection = PQconnectdb(conninfo) else { throw PostgresError(state: "08001", message: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(connection)
            throw PostgresError(state: "08001", message: message)
        }
        raw = connection
    }

    deinit { PQfinish(raw) }

    /// Whether the connection still works (a failed one is dropped by the pool).
    var isHealthy: Bool { PQstatus(raw) == CONNECTION_OK }

    /// Whether a transaction is open (also one that failed and waits for its ROLLBACK); a COMMIT
    /// that failed, as a serialization failure at commit does, has already ended it.
    var inTransaction: Bool { PQtransactionStatus(raw) != PQTRANS_IDLE }

    /// Waits up to `seconds` for notifications on the channels this connection LISTENs to.
    /// - Throws: `PostgresError` when the connection is lost.
    func notifications(waitingUpTo seconds: Double) throws -> [String] {
        let socket = PQsocket(raw)
        guard socket >= 0 else { throw PostgresError(state: "08006", message: "the connection has no socket") }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, Int32(seconds * 1000)) < 0 && errno != EINTR {
            throw PostgresError(state: "08006", message: String(cString: strerror(errno)))
        }
        guard PQconsumeInput(raw) == 1 else {
            throw PostgresError(state: "08006", message: String(cString: PQerrorMessage(raw)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var payloads: [String] = []
        while let notification = PQnotifies(raw) {
            payloads.append(String(cString: notification.pointee.extra))
            PQfreemem(notification)
        }
        return payloads
    }

    /// Runs one or more statements without parameters (transaction control, migrations).
    func simple(_ sql: String) throws {
        let result = PQexec(raw, sql)
        defer { PQclear(result) }
        try check(result)
    }

    /// Runs a prepared statement with `arguments` (`$1`…); the result in binary format.
    func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresResult {
        let name = try statementName(sql)
        let count = arguments.count
        // Text for numbers and text (the server infers each parameter's type from the statement);
        // bytes in binary, so a PDF is sent as it is.
        var buffers: [[CChar]?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        buffers.reserveCapacity(count)
        for argument in arguments {
            switch argument {
            case .null:
                buffers.append(nil)
                lengths.append(0)
                formats.append(0)
            case .integer(let value): appendText(String(value))
            case .real(let value): appendText(value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity"))
            case .text(let value): appendText(value)
            case .blob(let bytes):
                buffers.append(bytes.map { CChar(bitPattern: $0) })
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
        func appendText(_ text: String) {
            buffers.append(Array(text.utf8CString))
            lengths.append(0)
            formats.append(0)
        }
        let result = withPointers(buffers) { pointers in
            PQexecPrepared(raw, name, Int32(count), pointers, lengths, formats, 1)
        }
        do { try check(result) } catch {
            PQclear(result)
            throw error
        }
        return PostgresResult(result!)
    }

    private func statementName(_ sql: String) throws -> String {
        if let name = prepared[sql] { return name }
        let name = "s\(prepared.count + 1)"
        let result = PQprepare(raw, name, PostgresSQL.numbered(sql), 0, nil)
        defer { PQclear(result) }
        try check(result)
        prepared[sql] = name
        return name
    }

    private func check(_ result: OpaquePointer?) throws {
        guard let result else { throw PostgresError(state: "08006", message: String(cString: PQerrorMessage(raw))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "XX000"
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresError(state: state, message: message)
        }
    }
}

/// Calls `body` with C pointers to each buffer (nil for NULL) that stay valid during the call.
private func withPointers<T>(_ buffers: [[CChar]?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    var pointers: [UnsafePointer<CChar>?] = []
    pointers.reserveCapacity(buffers.count)
    func next(_ index: Int) -> T {
        guard index < buffers.count else { return body(pointers) }
        guard let buffer = buffers[index] else {
            pointers.append(nil)
            return next(index + 1)
        }
        return buffer.withUnsafeBufferPointer { pointer in
            pointers.append(pointer.baseAddress)
            return next(index + 1)
        }
    }
    return next(0)
}

/// A result in binary format; freed when released.
final class PostgresResult {
    let raw: OpaquePointer
    init(_ raw: OpaquePointer) { self.raw = raw }
    deinit { PQclear(raw) }

    var rowCount: Int { Int(PQntuples(raw)) }
    var columnCount: Int { Int(PQnfields(raw)) }
    /// Rows an INSERT, UPDATE or DELETE changed.
    var changedRows: Int { Int(String(cString: PQcmdTuples(raw))) ?? 0 }

    var columnNames: [String] { (0..<columnCount).map { String(cString: PQfname(raw, Int32($0))) } }

    /// The bytes of one field, nil for NULL.
    func bytes(row: Int, column: Int) -> UnsafeRawBufferPointer? {
        guard PQgetisnull(raw, Int32(row), Int32(column)) == 0 else { return nil }
        let length = Int(PQgetlength(raw, Int32(row), Int32(column)))
        return UnsafeRawBufferPointer(start: PQgetvalue(raw, Int32(row), Int32(column)), count: length)
    }

    /// One field as an `SQLValue`, by its column's type.
    /// - Throws: `PostgresError` for a type the store never selects (cast it in the statement).
    func value(row: Int, column: Int) throws -> SQLValue {
        guard let bytes = bytes(row: row, column: column) else { return .null }
        let type = PQftype(raw, Int32(column))
        switch type {
        case 16: return .integer(bytes.first == 0 ? 0 : 1)  // bool
        case 20: return .integer(Int64(bigEndian: bytes.loadUnaligned(as: Int64.self)))  // int8
        case 23: return .integer(Int64(Int32(bigEndian: bytes.loadUnaligned(as: Int32.self))))  // int4
        case 21: return .integer(Int64(Int16(bigEndian: bytes.loadUnaligned(as: Int16.self))))  // int2
        case 701: return .real(Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))))  // float8
        case 700: return .real(Double(Float(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self)))))  // float4
        case 17: return .blob(Array(bytes))  // bytea
        case 25, 1043, 19, 1042, 705: return .text(String(decoding: bytes, as: UTF8.self))  // text, varchar, name, char, unknown
        default:
            throw PostgresError(
                state: "42804", message: "column \(columnNames[column]) has type oid \(type), which the store does not read; cast it")
        }
    }
}

/// The SQL the store writes, as PostgreSQL reads it.
enum PostgresSQL {
    /// `?` placeholders numbered `$1`, `$2`, … in order, and `?N` as `$N`; quoted text left alone.
    static func numbered(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var next = 0
        var quote: Character?
        var characters = sql.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if let open = quote {
                output.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                output.append(character)
            case "?":
                var digits = ""
                while let digit = pending, digit.isASCII, digit.isNumber {
                    digits.append(digit)
                    pending = characters.next()
                }
                if digits.isEmpty {
                    next += 1
                    output += "$\(next)"
                } else {
                    output += "$" + digits
                }
            default:
                output.append(character)
            }
        }
        return output
    }
}
