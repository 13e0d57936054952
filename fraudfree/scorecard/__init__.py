"""无诈评分: criteria, indicators, composite score, Monte Carlo ranks, tiers, advice, export; card.build ties them."""
