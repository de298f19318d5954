#if os(Linux)
/// glibc's `mallopt(int param, int value)` (malloc.h, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Settings of the C heap for programs that allocate and free the same large buffers every step.
enum HeapTuning {
    /// Keeps freed blocks of up to 32 MiB in glibc's heap instead of returning them to the kernel:
    /// a training step's tapes and traces then reuse warm pages rather than faulting in fresh zeroed
    /// ones each step (a latent ODE step spent about a fifth of its time in those page faults).
    /// Blocks over 32 MiB still come from and go back to the kernel; memory stays bounded by the
    /// largest step.
    static func keepFreedMemory() {
        #if os(Linux)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = glibcMallopt(mmapThreshold, 32 << 20)
        _ = glibcMallopt(trimThreshold, 64 << 20)
        #endif
    }
}
