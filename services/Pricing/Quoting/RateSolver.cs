namespace Pricing.Quoting;

// Newton's method kept inside a sign-changing bracket, bisecting whenever a Newton step would
// leave the bracket or stalls (the safeguarded Newton of Numerical Recipes' rtsafe).
internal static class RateSolver
{
    public const double Tolerance = 1e-12;
    private const int MaxIterations = 200;

    public static double Solve<TEquation>(scoped ref TEquation equation, double low, double high, double guess)
        where TEquation : IRateEquation, allows ref struct
    {
        var fLow = equation.Residual(low, out _);
        var fHigh = equation.Residual(high, out _);
        if (fLow == 0)
        {
            return low;
        }

        if (fHigh == 0)
        {
            return high;
        }

        if (double.IsNaN(fLow) || double.IsNaN(fHigh) || Math.Sign(fLow) == Math.Sign(fHigh))
        {
            throw new ArgumentException($"No rate in [{low}, {high}] equates the cash flows.");
        }

        // Orient the bracket so that the residual is negative at `below` and positive at `above`.
        var below = fLow < 0 ? low : high;
        var above = fLow < 0 ? high : low;
        var x = guess > Math.Min(low, high) && guess < Math.Max(low, high) ? guess : 0.5 * (low + high);
        var previousStep = Math.Abs(high - low);
        var step = previousStep;

        for (var i = 0; i < MaxIterations; i++)
        {
            var f = equation.Residual(x, out var slope);
            if (f == 0)
            {
                return x;
            }

            if (f < 0)
            {
                below = x;
            }
            else
            {
                above = x;
            }

            var newton = x - f / slope;
            var newtonInside = slope != 0 && double.IsFinite(newton)
                && (newton - below) * (newton - above) < 0
                && Math.Abs(f / slope) < 0.5 * previousStep;
            previousStep = step;
            if (newtonInside)
            {
                step = Math.Abs(newton - x);
                x = newton;
            }
            else
            {
                var mid = 0.5 * (below + above);
                step = Math.Abs(mid - x);
                x = mid;
            }

            if (step < Tolerance || Math.Abs(above - below) < Tolerance)
            {
                return x;
            }
        }

        throw new InvalidOperationException("The rate did not converge.");
    }
}
