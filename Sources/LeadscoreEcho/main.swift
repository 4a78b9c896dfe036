import Hummingbird

/// The ceiling of the HTTP stack on this machine: a Hummingbird server whose one route echoes the
/// request body. `bench/serve` loads it with the same requests as `leadscore serve`.
///   leadscore-echo [port]   (default 8090)
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8090 : 8090
let router = Router()
router.post("/v1/score") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 1 << 20)
    return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
