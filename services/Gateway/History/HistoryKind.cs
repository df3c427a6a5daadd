namespace Gateway.History;

public enum HistoryKind
{
    List,
    Stats,
    Export,
    Backtest,
}
