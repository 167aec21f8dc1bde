import Testing

/// The hostile and unlucky inputs of issue 25, each with the test that keeps
/// its row of the reliability table of docs/robustness.md true. The suites run one test
/// at a time: several start `avail` on tens of megabytes, and their time
/// bounds (and those of the other suites) hold better without each other's load.
@Suite(.serialized) struct ReliabilityTests {}
