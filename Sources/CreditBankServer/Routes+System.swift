import Hummingbird

extension BankServer {
    func addSystemRoutes(_ routes: RouteTable) {
        routes.add(.get, "/healthz") { _, _ in
            try JSONResponse.make(["status": "ok"])
        }
        routes.add(.get, "/metrics") { request, context in
            // "local": an in-process client without a socket (tests).
            guard settings.metricsClients.contains(context.client) || context.client == "local",
                request.headers[.init("X-Forwarded-For")!] == nil
            else {
                throw APIError(
                    .forbidden, code: "forbidden",
                    message: "metrics are served only to the addresses of serve --metrics-from (loopback by default), on direct connections")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: ServerMetrics.registry.emitToBuffer())))
        }
        let openAPI = self.openAPI
        routes.add(.get, "/api/v1/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
    }
}
