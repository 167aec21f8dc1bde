import Foundation
import Testing

/// `convert --stores CONFIG` sends each record for the store it names; a record
/// whose store the config lacks is the finding `store_not_in_config`, and the
/// others are still converted, with the store's own id in the path (so the
/// note that the document's id moves to the path is not made).
@Suite struct StoreResolutionTests {
    @Test func eachRecordFindsItsStoreOrSaysWhyNot() throws { try withTemporaryDirectory { dir in
        let input = dir.appendingPathComponent("records.ndjson")
        try Data(
            """
            {"store":"doordash:airport-001","state":"paused","reason":"operational_issues"}
            {"store":"doordash:nowhere","state":"paused","reason":"operational_issues"}
            {"state":"open"}

            """.utf8
        ).write(to: input)
        let config = Paths.packageRoot.appendingPathComponent("examples/delivery.yaml").path
        let r = runAvailInProcess(
            ["convert", "--from", "canonical", "--to", "doordash", "--ndjson", "--stores", config, "--envelope", "records.ndjson"], in: dir)
        #expect(r.exit == 1)
        #expect(
            r.stdout == """
                {"record":1,"line":1,"store":"airport","method":"PUT","path":"/api/v1/stores/airport-001/status","body":{"is_active":false,"reason":"operational_issues"}}

                """)
        #expect(
            r.stderr == """
                records.ndjson:2:10: error: record 2: no store in the store config has the id 'doordash:nowhere'; add it to a store's providers, or pass --store ID [store_not_in_config]
                records.ndjson:3:1: error: record 3: the document names no store, so its store cannot be found in the store config; pass --store ID [store_not_in_config]
                avail: error: 2 records not converted (1 converted)

                """)
    } }

    @Test func oneStoreForEveryRecord() throws { try withTemporaryDirectory { dir in
        try Data(#"{"state":"paused","reason":"operational_issues"}"#.utf8).write(to: dir.appendingPathComponent("one.json"))
        let config = Paths.packageRoot.appendingPathComponent("examples/delivery.yaml").path
        let r = runAvailInProcess(
            ["convert", "--from", "canonical", "--to", "doordash", "--stores", config, "--store", "airport", "--ndjson", "--envelope", "one.json"], in: dir)
        #expect(r.exit == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""store":"airport","method":"PUT","path":"/api/v1/stores/airport-001/status""#), "\(r.stdout)")
    } }
}
