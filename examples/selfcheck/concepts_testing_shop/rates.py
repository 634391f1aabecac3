def fetch_rate() -> str:
    return "real API call"
