/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-migrate-scheme.h"

#include "tcp-migrate-helper.h"

#include "ns3/tcp-migrate-socket-factory.h"

namespace ns3
{

TcpMigrateScheme::TcpMigrateScheme(const SchemeParameters& parameters)
    : KeyAgreeingScheme(parameters)
{
}

std::string
TcpMigrateScheme::GetName() const
{
    return "migrate";
}

TypeId
TcpMigrateScheme::GetSocketFactory() const
{
    return TcpMigrateSocketFactory::GetTypeId();
}

void
TcpMigrateScheme::Install(const SchemeEnvironment& environment)
{
    InstallHelper<TcpMigrateHelper>(environment);
}

ExchangePrediction
TcpMigrateScheme::PredictExchange(const ExchangePath& path) const
{
    // The Migrate SYN and its SYN/ACK (IP sizes: 20 + a 20-byte TCP header
    // with the 26-byte Migrate option and the 10-byte timestamp option, padded
    // to 36), each with a truncated HMAC made by the sender and checked by the
    // receiver.
    ExchangePrediction e = path.Predict(ExchangePath::Keyed(path.GetCpu(), 76, 76));
    e.moverTimerFrozen = true; // MIGRATE_WAIT ... ChangeCompleted
    return e;
}

} // namespace ns3
