"""thidua: chấm điểm thi đua các Cụm thi đua ngành Y tế."""

__version__ = "0.1.0"
