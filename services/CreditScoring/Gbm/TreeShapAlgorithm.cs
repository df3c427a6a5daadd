namespace CreditScoring.Gbm;

// Both give the exact path-dependent TreeSHAP values of xgboost's pred_contribs. LeafTables precomputes,
// for every leaf and every pattern of which path features the applicant satisfies, each feature's share
// (2^d × d values per leaf, d = distinct features on the path), so scoring is lookups; Recursive is
// Lundberg et al.'s Algorithm 2 with no precomputation, for trees whose tables would be too large.
public enum TreeShapAlgorithm
{
    LeafTables,
    Recursive,
}
