/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_MIGRATE_SCHEME_H
#define TCP_MIGRATE_SCHEME_H

#include "key-agreeing-scheme.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The TCP Migrate baseline (protocol=migrate): TcpMigrateHelper on
 *        both hosts; the host's TCP layer learns of the link loss (connections
 *        in MIGRATE_WAIT, timers frozen) and of the new address (a Migrate SYN
 *        from it). No attack surface is modelled yet.
 */
class TcpMigrateScheme : public KeyAgreeingScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit TcpMigrateScheme(const SchemeParameters& parameters);

    std::string GetName() const override;
    TypeId GetSocketFactory() const override;
    void Install(const SchemeEnvironment& environment) override;
    ExchangePrediction PredictExchange(const ExchangePath& path) const override;
};

} // namespace ns3

#endif /* TCP_MIGRATE_SCHEME_H */
