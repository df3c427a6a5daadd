namespace Pricing.Quoting;

// An advance or payment placed as Regulation Z Appendix J (b)(8) places it: UnitPeriods whole
// unit-periods (q or t) plus a Fraction of a unit-period (e or f) after the start of the term.
public readonly record struct UnitPeriodFlow(double Amount, int UnitPeriods, double Fraction = 0);
