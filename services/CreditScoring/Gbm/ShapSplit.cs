namespace CreditScoring.Gbm;

// An inner node as the leaf tables evaluate it: node indices are local to the tree, and SlotBit is the
// pattern bit of the split's feature, which a child loses when x goes the other way.
internal readonly record struct ShapSplit(int Node, int Column, float Condition, bool DefaultLeft, int Left, int Right, int SlotBit);
