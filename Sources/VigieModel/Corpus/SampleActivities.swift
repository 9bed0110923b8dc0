import Foundation

/// Synthetic activities for benchmarks: invented French posts, no real data.
public enum SampleActivities {
    public static func write(count: Int, to writer: ActivityStreamWriter) throws {
        let texts = [
            "Grand ménage de printemps chez une cliente à Laval aujourd’hui ! #ménage #propreté",
            "Merci à toute l’équipe pour cette belle semaine. Prochaine tournée lundi.",
            "𝗣𝗥𝗢𝗠𝗢 : 15 % sur l’entretien des vitres jusqu’à vendredi. Appelez-nous !",
            "Je serai en vacances du 4 au 18 août, la maison sera vide 😅",
            "Réponse à @marie.l : oui, nous intervenons aussi dans les petits bureaux.",
        ]
        let platforms: [Platform] = [.facebook, .mastodon, .twitter, .instagram, .linkedin]
        let kinds: [ActivityKind] = [.post, .comment, .reply, .post, .share]
        let start = 1_700_000_000.0
        for i in 0..<count {
            let platform = platforms[i % platforms.count]
            let activity = Activity(
                id: "\(platform.rawValue):sample-\(i)", kind: kinds[i % kinds.count], platform: platform,
                author: Account(platform: platform, handle: "employe\(i % 12)"),
                timestamp: Timestamp(secondsSince1970: start + Double(i) * 37, utcOffset: -4 * 3600),
                visibility: i % 3 == 0 ? .public : .followers, text: texts[i % texts.count], language: "fr",
                hashtags: i % 5 == 0 ? ["ménage", "propreté"] : [],
                source: RecordSource(file: "sample.jsonl", index: i, line: i + 1))
            try writer.write(activity)
        }
    }
}
