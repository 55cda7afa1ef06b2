/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_R_SCHEME_H
#define TCP_R_SCHEME_H

#include "key-agreeing-scheme.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The TCP-R baseline (protocol=tcp-r): TcpRHelper on both hosts; the
 *        host's TCP-R layer learns of the link loss (connections held, timers
 *        frozen) and of the new address (redirect in band).
 */
class TcpRScheme : public KeyAgreeingScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit TcpRScheme(const SchemeParameters& parameters);

    std::string GetName() const override;
    TypeId GetSocketFactory() const override;
    void Install(const SchemeEnvironment& environment) override;
    Ptr<AttackSurface> GetAttackSurface() const override;
    ExchangePrediction PredictExchange(const ExchangePath& path) const override;
};

} // namespace ns3

#endif /* TCP_R_SCHEME_H */
