import Hummingbird

extension BankServer {
    func addSystemRoutes(_ routes: RouteTable) {
        routes.add(.get, "/healthz") { _, _ in
            try JSONResponse.make(["status": "ok"])
        }
        routes.add(.get, "/metrics") { _, _ in
            Response(
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
