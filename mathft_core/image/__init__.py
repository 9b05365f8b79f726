"""Offline submission image support: size budget and installation doctor."""
