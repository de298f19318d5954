import Foundation

/// The temporary files of writes in progress, removed by a SIGINT/SIGTERM handler before the process ends.
///
/// The handler may run at any instruction, so it touches only memory allocated once and never
/// freed: a fixed number of slots, each a path buffer and an in-use flag, and calls only
/// async-signal-safe functions (`unlink`, `signal`, `raise`). After removing the files it restores
/// the default action and raises the signal again, so the process ends as killed by that signal
/// (a shell reports 130 for SIGINT, 143 for SIGTERM).
enum TemporaryFileRegistry {
    /// How many writes can be in progress at once (AtomicFile waits for a free slot beyond that).
    static let slotCount = 64
    /// Bytes per path, the terminating NUL included; longer temporary paths are not registered.
    static let pathCapacity = 4096

    private static let storage = Storage()

    /// Records `path` until `unregister` is called with the returned slot; nil when every slot is
    /// taken or the path is too long (the write then goes on unprotected).
    static func register(_ path: String) -> Int? {
        installHandlers()
        let bytes = Array(path.utf8)
        guard bytes.count < pathCapacity, !bytes.contains(0) else { return nil }
        return storage.withLock {
            guard let slot = (0..<slotCount).first(where: { storage.flags[$0] == 0 }) else { return nil }
            let buffer = storage.paths + slot * pathCapacity
            for (k, byte) in bytes.enumerated() { buffer[k] = CChar(bitPattern: byte) }
            buffer[bytes.count] = 0
            storage.flags[slot] = 1
            return slot
        }
    }

    /// Forgets the path in `slot` (the write finished or its file was removed).
    static func unregister(_ slot: Int) {
        storage.withLock { storage.flags[slot] = 0 }
    }

    /// Removes every registered file now (a program ending early, e.g. on a closed stdout).
    static func removeAll() {
        storage.withLock { removeRegistered() }
    }

    private static func installHandlers() {
        storage.withLock {
            guard !storage.handlersInstalled else { return }
            storage.handlersInstalled = true
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { sig in
                    TemporaryFileRegistry.removeRegistered()
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
                sigemptyset(&action.sa_mask)
                action.sa_flags = 0
                var previous = sigaction()
                sigaction(sig, nil, &previous)
                // Leave a signal that the parent set to be ignored (nohup, a background job) ignored.
                if let handler = previous.__sigaction_handler.sa_handler,
                   unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
                sigaction(sig, &action, nil)
            }
        }
    }

    /// Unlinks every registered path; async-signal-safe.
    private static func removeRegistered() {
        for slot in 0..<slotCount where storage.flags[slot] != 0 {
            unlink(storage.paths + slot * pathCapacity)
            storage.flags[slot] = 0
        }
    }

    /// Memory allocated once for the life of the process.
    private final class Storage: @unchecked Sendable {
        let paths = UnsafeMutablePointer<CChar>.allocate(capacity: TemporaryFileRegistry.slotCount * TemporaryFileRegistry.pathCapacity)
        let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: TemporaryFileRegistry.slotCount)
        var handlersInstalled = false
        private let lock = NSLock()

        init() {
            flags.initialize(repeating: 0, count: TemporaryFileRegistry.slotCount)
            paths.initialize(repeating: 0, count: TemporaryFileRegistry.slotCount * TemporaryFileRegistry.pathCapacity)
        }

        func withLock<T>(_ body: () -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body()
        }
    }
}
