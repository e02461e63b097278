/// The cursor of the body flow: the pages made so far and where the next block goes.
struct Flow {
    let top: Double
    let bottom: Double
    let left: Double
    let width: Double
    private(set) var y: Double
    var pages: [[PositionedItem]] = [[]]

    init(top: Double, bottom: Double, left: Double, width: Double) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.width = width
        y = top
    }

    /// Room left on the current page.
    var room: Double { bottom - y }
    /// Room on an empty page.
    var pageRoom: Double { bottom - top }
    /// Whether nothing has been placed on the current page yet.
    var atTop: Bool { y <= top + 0.001 }

    mutating func newPage() {
        pages.append([])
        y = top
    }

    mutating func advance(_ dy: Double) { y = min(y + dy, max(bottom, y)) }

    mutating func add(_ items: [PositionedItem]) { pages[pages.count - 1] += items }
}
