import VigieModel
/// Masks the parts of export paths that name people: Meta exports store each
/// conversation in a folder named after the other participant
/// (`messages/inbox/jeanmartin_1234/message_1.json`). The summary shows
/// `messages/inbox/…/message_1.json` instead.
enum PrivatePath {
    static let conversationFolders = ["inbox/", "archived_threads/", "message_requests/", "filtered_threads/", "e2ee_cutover/"]

    static func mask(_ text: String) -> String {
        var result = ""
        var rest = text[...]
        while let hit = conversationFolders.compactMap({ folder in rest.range(of: folder).map { ($0, folder) } })
            .min(by: { $0.0.lowerBound < $1.0.lowerBound })
        {
            result += rest[..<hit.0.upperBound]
            rest = rest[hit.0.upperBound...]
            // The next path component is the conversation's name.
            if let slash = rest.firstIndex(of: "/") {
                result += "…"
                rest = rest[slash...]
            }
        }
        return result + rest
    }
}
