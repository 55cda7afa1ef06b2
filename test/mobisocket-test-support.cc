/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobisocket-test-support.h"

using namespace ns3;

NsFixture::NsFixture()
{
    Config::Reset();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
}

NsFixture::~NsFixture()
{
    Simulator::Destroy();
    Config::Reset();
}
