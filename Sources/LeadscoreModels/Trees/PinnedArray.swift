/// An immutable array of plain values that the tree kernels read through a raw pointer: no bounds
/// checks and no reference counting per element in loops that run billions of times. Lives as long as
/// its owner (a ``TreeEnsemble`` or ``TreeSHAP``), which keeps it and hands its pointer to the kernels.
final class PinnedArray<Element: BitwiseCopyable>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        pointer = .allocate(capacity: max(1, values.count))
        pointer.initialize(from: values, count: values.count)
    }

    deinit {
        pointer.deallocate()
    }

    subscript(index: Int) -> Element { pointer[index] }
}
