namespace CreditScoring.Gbm;

// A leaf's entry in the TreeSHAP tables: its tree-local node, its distinct path features (slots) at
// SlotStart, and its 2^Slots rows of Slots values at TableStart.
internal readonly record struct ShapLeaf(int Node, int Slots, int SlotStart, int TableStart);
