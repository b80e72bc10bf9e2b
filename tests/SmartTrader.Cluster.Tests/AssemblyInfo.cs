// The cluster tests start several silos each and assert liveness within time bounds: on shared cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
