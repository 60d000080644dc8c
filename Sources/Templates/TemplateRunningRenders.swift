import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The renders running on the current thread, innermost first, kept in a thread-local slot.
///
/// Macros of cached imports are shared by every render of an environment, so they cannot hold the
/// render that calls them. Templates call them through the renderer directly; Swift code given
/// one (a filter or function called with a macro) calls its `call`, which finds here the render
/// running on its thread with the same import cache. That is what lets an import bind the shared
/// macros as they are, instead of making a function per macro per import for each render.
enum TemplateRunningRenders {
    /// The slot: each thread's innermost running renderer, unretained (a render keeps itself alive).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The innermost renderer running on this thread.
    static var innermost: Unmanaged<TemplateRenderer>? {
        pthread_getspecific(key).map { Unmanaged<TemplateRenderer>.fromOpaque($0) }
    }

    /// Makes `renderer` the innermost for the duration of `body`.
    static func running<T>(_ renderer: TemplateRenderer, _ body: (Unmanaged<TemplateRenderer>?) throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(renderer).toOpaque())
        defer { pthread_setspecific(key, previous) }
        return try body(previous.map { Unmanaged<TemplateRenderer>.fromOpaque($0) })
    }
}
