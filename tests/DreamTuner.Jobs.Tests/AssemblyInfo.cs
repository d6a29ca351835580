// Each test starts Hangfire servers, a studio hub and TorchSharp work on a 2-core machine; in parallel they would
// measure each other's load (step timing, invisibility timeouts) rather than the behaviour under test.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
