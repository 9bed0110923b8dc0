/// An Aho–Corasick automaton over scalar values, stored in flat arrays:
/// the children of each node are a sorted slice of `edges` (binary
/// search), the root has a direct table for ASCII, and each node has its
/// failure link and its output link (the nearest node on its failure chain
/// that ends a term). What the scan reads of a node sits in one record, and
/// each edge's key beside its target: a step touches a cache line or two,
/// not one per array.
struct Automaton: Sendable {
    /// A node as the scan reads it.
    struct Node: Sendable {
        /// Its children are `edges[edgeStart..<edgeEnd]`, sorted by key.
        var edgeStart: Int32
        var edgeEnd: Int32
        var fail: Int32
        /// The node itself when a term ends there, else its output link:
        /// the first node whose terms end at this point of the text (0: none).
        var report: Int32
        /// The nearest proper suffix node that ends a term, or 0.
        var outputLink: Int32
        /// Key length in scalars.
        var depth: Int32
        /// First term ending here (-1: none); then `nextTerm`.
        var firstTerm: Int32
    }

    struct Edge: Sendable {
        var key: UInt32
        var target: Int32
    }

    let nodes: [Node]
    let edges: [Edge]
    let rootASCII: [Int32]
    let nextTerm: [Int32]

    init(keys: [[UInt32]]) {
        // Insert the keys in sorted order: the trie is built along the path
        // shared with the previous key, and each node's children come in order.
        let order = keys.indices.filter { !keys[$0].isEmpty }.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var parent: [Int32] = [-1]
        var depth: [Int32] = [0]
        var firstTerm: [Int32] = [-1]
        var nextTerm = [Int32](repeating: -1, count: keys.count)
        var lastTerm: [Int32] = [-1]
        var path: [Int32] = [0]  // path[d] = node at depth d for the previous key
        var previous: [UInt32] = []
        var edges: [(parent: Int32, key: UInt32, child: Int32)] = []
        for termIndex in order {
            let key = keys[termIndex]
            var common = 0
            while common < key.count && common < previous.count && key[common] == previous[common] { common += 1 }
            path.removeSubrange((common + 1)...)
            for d in common..<key.count {
                let node = Int32(parent.count)
                parent.append(path[d])
                depth.append(Int32(d + 1))
                firstTerm.append(-1)
                lastTerm.append(-1)
                edges.append((path[d], key[d], node))
                path.append(node)
            }
            let node = Int(path[key.count])
            if firstTerm[node] < 0 {
                firstTerm[node] = Int32(termIndex)
            } else {
                nextTerm[Int(lastTerm[node])] = Int32(termIndex)
            }
            lastTerm[node] = Int32(termIndex)
            previous = key
        }
        let nodeCount = parent.count
        // Children in CSR form: edges are already sorted by key within each
        // parent; a stable counting sort groups them by parent.
        var counts = [Int32](repeating: 0, count: nodeCount + 1)
        for e in edges { counts[Int(e.parent) + 1] += 1 }
        for n in 0..<nodeCount { counts[n + 1] += counts[n] }
        var fill = counts
        var sorted = [Edge](repeating: Edge(key: 0, target: 0), count: edges.count)
        for e in edges {
            sorted[Int(fill[Int(e.parent)])] = Edge(key: e.key, target: e.child)
            fill[Int(e.parent)] += 1
        }
        var rootASCII = [Int32](repeating: 0, count: 128)
        for edge in sorted[Int(counts[0])..<Int(counts[1])] where edge.key < 128 {
            rootASCII[Int(edge.key)] = edge.target
        }
        self.rootASCII = rootASCII
        self.nextTerm = nextTerm
        // Failure and output links, breadth first.
        var fail = [Int32](repeating: 0, count: nodeCount)
        var outputLink = [Int32](repeating: 0, count: nodeCount)
        var queue: [Int32] = []
        queue.reserveCapacity(nodeCount)
        for edge in sorted[Int(counts[0])..<Int(counts[1])] { queue.append(edge.target) }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for edge in sorted[Int(counts[Int(node)])..<Int(counts[Int(node) + 1])] {
                let child = edge.target
                let key = edge.key
                var f = fail[Int(node)]
                var target: Int32 = 0
                while true {
                    if let t = Automaton.child(key, in: sorted, Int(counts[Int(f)])..<Int(counts[Int(f) + 1])) {
                        target = t
                        break
                    }
                    if f == 0 { break }
                    f = fail[Int(f)]
                }
                fail[Int(child)] = target
                outputLink[Int(child)] = firstTerm[Int(target)] >= 0 ? target : outputLink[Int(target)]
                queue.append(child)
            }
        }
        self.nodes = (0..<nodeCount).map { n in
            Node(
                edgeStart: counts[n], edgeEnd: counts[n + 1], fail: fail[n],
                report: firstTerm[n] >= 0 ? Int32(n) : outputLink[n], outputLink: outputLink[n], depth: depth[n],
                firstTerm: firstTerm[n])
        }
        self.edges = sorted
    }

    /// The target of the edge under `key` among `edges[range]`, sorted by
    /// key (a binary search): over the array while building, over the
    /// buffer while scanning (`View`).
    @inline(__always)
    static func child<Edges: RandomAccessCollection<Edge>>(_ key: UInt32, in edges: Edges, _ range: Range<Int>) -> Int32?
    where Edges.Index == Int {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) >> 1
            let e = edges[mid]
            if e.key == key { return e.target }
            if e.key < key { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The automaton's arrays as buffers, for the scanning loop: each array
    /// access there would otherwise check its bounds (and the binary search
    /// makes several per scalar), while the indices come from the automaton
    /// itself and are in range by construction.
    struct View {
        let nodes: UnsafeBufferPointer<Node>
        let edges: UnsafeBufferPointer<Edge>
        let rootASCII: UnsafeBufferPointer<Int32>
        let nextTerm: UnsafeBufferPointer<Int32>

        @inline(__always)
        func node(_ n: Int32) -> Node { nodes[Int(n)] }

        /// The child of `node` under `key`.
        @inline(__always)
        func child(_ node: Node, _ key: UInt32) -> Int32? {
            Automaton.child(key, in: edges, Int(node.edgeStart)..<Int(node.edgeEnd))
        }

        /// The next state after reading `key` in `state`.
        @inline(__always)
        func step(_ state: Int32, _ key: UInt32) -> Int32 {
            var s = state
            while true {
                if s == 0 {
                    if key < 128 { return rootASCII[Int(key)] }
                    return child(nodes[0], key) ?? 0
                }
                let n = nodes[Int(s)]
                if let t = child(n, key) { return t }
                s = n.fail
            }
        }

        /// `step`, for a key that must stay at least `depth` + 1 scalars
        /// long: 0 as soon as the failure chain reaches a node shallower
        /// than `depth` (every state after it would be shorter), without
        /// walking the rest of the chain. `depth` is at least 1.
        @inline(__always)
        func step(_ state: Int32, _ key: UInt32, keepingDepth depth: Int32) -> Int32 {
            var s = state
            while s != 0 {
                let n = nodes[Int(s)]
                if n.depth < depth { return 0 }
                if let t = child(n, key) { return t }
                s = n.fail
            }
            return 0
        }
    }

    /// Calls `body` with the arrays as buffers, valid during the call only.
    func withView<R>(_ body: (View) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            edges.withUnsafeBufferPointer { edges in
                rootASCII.withUnsafeBufferPointer { rootASCII in
                    nextTerm.withUnsafeBufferPointer { nextTerm in
                        body(View(nodes: nodes, edges: edges, rootASCII: rootASCII, nextTerm: nextTerm))
                    }
                }
            }
        }
    }
}
