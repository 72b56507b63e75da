"""Loads and saves models."""

import pickle
import subprocess

import yaml


def load(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def settings(text):
    return yaml.load(text)


def safe_settings(text):
    return yaml.safe_load(text)


def build(cmd):
    subprocess.run(cmd, shell=True)
    subprocess.run(["make"], shell=False)
