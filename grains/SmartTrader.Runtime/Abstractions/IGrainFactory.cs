namespace SmartTrader.Runtime;

/// <summary>Returns references (proxies) to grains. A reference is cheap; the grain activates on first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
