package provider_test

// The fault matrices of the kinds (code envs, connections, people, data
// quality rules, recipes, scenarios, flow zones) share one loop: for each
// case, apply the setup configuration without faults, arm the fault on one
// DSS call, apply the target configuration (RunFaultCase: the fault fired,
// a failure is clear, no POST replayed blindly, then convergence with an
// empty plan), and check that DSS holds exactly the target, with no
// duplicate and no orphan. A kind gives its configurations, its check of
// DSS and its cases; RunFaultMatrix runs them. A matrix's cases are the
// calls of the kind's own code: the faults on the calls the kit makes the
// same way for every kind are tested once, in process, in kit/
// (TestKitFaultsOnGenericCalls).
