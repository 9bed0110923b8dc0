import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Bounds the time a client may take to send one request, head to end: a
/// body that trickles in (which keeps the connection from being idle) is cut
/// off with `408` and the connection is closed. One per connection, in the
/// channel's pipeline after the HTTP decoder.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timeout: TimeAmount
    let onTimeout: @Sendable () -> Void
    private var deadline: Scheduled<Void>?
    private var reading = false
    /// Whether a response to the request being read has begun.
    private var answered = false

    init(timeout: TimeAmount, onTimeout: @escaping @Sendable () -> Void) {
        self.timeout = timeout
        self.onTimeout = onTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            reading = true
            answered = false
            deadline?.cancel()
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: timeout) {
                let (handler, context) = loopBound.value
                handler.expired(context: context)
            }
        case .body:
            break
        case .end:
            reading = false
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .head = unwrapOutboundIn(data) { answered = true }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    private func expired(context: ChannelHandlerContext) {
        deadline = nil
        guard reading else { return }
        onTimeout()
        if !answered {
            let error = ServeError.requestTimeout
            var buffer = context.channel.allocator.buffer(capacity: 128)
            buffer.writeBytes(error.body)
            var head = HTTPResponse(status: error.status)
            head.headerFields[.contentType] = "application/json; charset=utf-8"
            head.headerFields[.contentLength] = String(buffer.readableBytes)
            head.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(buffer)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.close(promise: nil)
    }
}
