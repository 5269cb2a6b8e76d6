#!/bin/bash
cat | tr ',' '\t'
