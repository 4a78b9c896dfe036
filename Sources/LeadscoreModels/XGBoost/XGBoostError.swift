import CXGBoost

/// A failure reported by the XGBoost library, with its own message.
public struct XGBoostError: Error, Sendable, CustomStringConvertible {
    public let call: String
    public let message: String

    public var description: String { "XGBoost \(call) failed: \(message)" }

    /// Throws if `status` (an XGBoost C API return code) is non-zero.
    static func check(_ status: Int32, _ call: String) throws {
        guard status != 0 else { return }
        throw XGBoostError(call: call, message: String(cString: XGBGetLastError()))
    }
}

/// The linked XGBoost library's version, e.g. `1.7.4`; recorded with every model.
public enum XGBoostLibrary {
    public static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        XGBoostVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
