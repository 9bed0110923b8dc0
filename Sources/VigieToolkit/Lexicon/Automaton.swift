/// An Aho–Corasick automaton over scalar values, stored in flat arrays:
/// the children of each node are a sorted slice of `edgeKeys`/`edgeTargets`
/// (binary search), the root has a direct table for ASCII, and each node
/// has its failure link and its output link (the nearest node on its
/// failure chain that ends a term).
struct Automaton: Sendable {
    /// Per node: its children are `edgeStart[n]..<edgeStart[n + 1]`.
    let edgeStart: [Int32]
    let edgeKeys: [UInt32]
    let edgeTargets: [Int32]
    let rootASCII: [Int32]
    let fail: [Int32]
    /// The nearest proper suffix node that ends a term, or 0.
    let outputLink: [Int32]
    /// Key length in scalars.
    let depth: [Int32]
    /// First term ending at each node (-1: none); then `nextTerm`.
    let firstTerm: [Int32]
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
        var edgeKeys = [UInt32](repeating: 0, count: edges.count)
        var edgeTargets = [Int32](repeating: 0, count: edges.count)
        for e in edges {
            let slot = Int(fill[Int(e.parent)])
            edgeKeys[slot] = e.key
            edgeTargets[slot] = e.child
            fill[Int(e.parent)] += 1
        }
        self.edgeStart = counts
        self.edgeKeys = edgeKeys
        self.edgeTargets = edgeTargets
        var rootASCII = [Int32](repeating: 0, count: 128)
        for slot in Int(counts[0])..<Int(counts[1]) where edgeKeys[slot] < 128 {
            rootASCII[Int(edgeKeys[slot])] = edgeTargets[slot]
        }
        self.rootASCII = rootASCII
        self.depth = depth
        self.firstTerm = firstTerm
        self.nextTerm = nextTerm
        // Failure and output links, breadth first.
        var fail = [Int32](repeating: 0, count: nodeCount)
        var outputLink = [Int32](repeating: 0, count: nodeCount)
        var queue: [Int32] = []
        queue.reserveCapacity(nodeCount)
        for slot in Int(counts[0])..<Int(counts[1]) { queue.append(edgeTargets[slot]) }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for slot in Int(counts[Int(node)])..<Int(counts[Int(node) + 1]) {
                let child = edgeTargets[slot]
                let key = edgeKeys[slot]
                var f = fail[Int(node)]
                var target: Int32 = 0
                while true {
                    if let t = Automaton.child(f, key, edgeStart: counts, edgeKeys: edgeKeys, edgeTargets: edgeTargets) {
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
        self.fail = fail
        self.outputLink = outputLink
    }

    /// The child of `node` under `key` (a binary search of its sorted
    /// edges), over the arrays while building and over buffers while
    /// scanning (`View`).
    @inline(__always)
    static func child<Starts: RandomAccessCollection<Int32>, Keys: RandomAccessCollection<UInt32>,
                      Targets: RandomAccessCollection<Int32>>(
        _ node: Int32, _ key: UInt32, edgeStart: Starts, edgeKeys: Keys, edgeTargets: Targets
    ) -> Int32? where Starts.Index == Int, Keys.Index == Int, Targets.Index == Int {
        var lo = Int(edgeStart[Int(node)])
        var hi = Int(edgeStart[Int(node) + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            let k = edgeKeys[mid]
            if k == key { return edgeTargets[mid] }
            if k < key { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    @inline(__always)
    func hasTerms(_ node: Int32) -> Bool { firstTerm[Int(node)] >= 0 }

    /// The automaton's arrays as buffers, for the scanning loop: each array
    /// access there would otherwise check its bounds (and the binary search
    /// makes several per scalar), while the indices come from the automaton
    /// itself and are in range by construction.
    struct View {
        let edgeStart: UnsafeBufferPointer<Int32>
        let edgeKeys: UnsafeBufferPointer<UInt32>
        let edgeTargets: UnsafeBufferPointer<Int32>
        let rootASCII: UnsafeBufferPointer<Int32>
        let fail: UnsafeBufferPointer<Int32>
        let outputLink: UnsafeBufferPointer<Int32>
        let depth: UnsafeBufferPointer<Int32>
        let firstTerm: UnsafeBufferPointer<Int32>
        let nextTerm: UnsafeBufferPointer<Int32>

        @inline(__always)
        func child(_ node: Int32, _ key: UInt32) -> Int32? {
            Automaton.child(node, key, edgeStart: edgeStart, edgeKeys: edgeKeys, edgeTargets: edgeTargets)
        }

        /// The next state after reading `key` in `state`.
        @inline(__always)
        func step(_ state: Int32, _ key: UInt32) -> Int32 {
            var s = state
            while true {
                if s == 0 {
                    if key < 128 { return rootASCII[Int(key)] }
                    return child(0, key) ?? 0
                }
                if let t = child(s, key) { return t }
                s = fail[Int(s)]
            }
        }
    }

    /// Calls `body` with the arrays as buffers, valid during the call only.
    func withView<R>(_ body: (View) -> R) -> R {
        edgeStart.withUnsafeBufferPointer { edgeStart in
            edgeKeys.withUnsafeBufferPointer { edgeKeys in
                edgeTargets.withUnsafeBufferPointer { edgeTargets in
                    rootASCII.withUnsafeBufferPointer { rootASCII in
                        fail.withUnsafeBufferPointer { fail in
                            outputLink.withUnsafeBufferPointer { outputLink in
                                depth.withUnsafeBufferPointer { depth in
                                    firstTerm.withUnsafeBufferPointer { firstTerm in
                                        nextTerm.withUnsafeBufferPointer { nextTerm in
                                            body(
                                                View(
                                                    edgeStart: edgeStart, edgeKeys: edgeKeys, edgeTargets: edgeTargets,
                                                    rootASCII: rootASCII, fail: fail, outputLink: outputLink, depth: depth,
                                                    firstTerm: firstTerm, nextTerm: nextTerm))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
