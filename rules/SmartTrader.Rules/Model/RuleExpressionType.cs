namespace SmartTrader.Rules.Model;

public enum RuleExpressionType
{
    LambdaExpression = 0,
}
