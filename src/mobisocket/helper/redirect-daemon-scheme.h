/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REDIRECT_DAEMON_SCHEME_H
#define REDIRECT_DAEMON_SCHEME_H

#include "mobility-scheme.h"
#include "redirect-daemon-helper.h"

#include <array>
#include <optional>

namespace ns3
{

class RedirectDaemon;

/**
 * \ingroup mobisocket
 * \brief The redirect-daemon baseline (protocol=redirect): a RedirectDaemon
 *        and the kernel extension on both hosts, configured from the
 *        parameters (PrepareAfter, ScanInterval, ResetTimer, the congestion
 *        policy) or by a helper the caller configured (UseHelper()).
 */
class RedirectDaemonScheme : public MobilityScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit RedirectDaemonScheme(const SchemeParameters& parameters);

    std::string GetName() const override;
    SignallingTraits GetSignallingTraits() const override;
    TypeId GetSocketFactory() const override;
    void Install(const SchemeEnvironment& environment) override;
    void AddressChanged(Host host, const IpAddress& address) override;
    void AddResults(ScenarioResult& result) const override;
    Ptr<AttackSurface> GetAttackSurface() const override;
    ExchangePrediction PredictExchange(const ExchangePath& path) const override;

    /**
     * \brief Install the daemons with this helper, configured by the caller,
     *        instead of one configured from the parameters (call before Install).
     * \param helper the helper
     */
    void UseHelper(const RedirectDaemonHelper& helper);

    /**
     * \param host a host
     * \return its daemon (after Install)
     */
    Ptr<RedirectDaemon> GetDaemon(Host host) const;

  private:
    std::optional<RedirectDaemonHelper> m_helper; //!< the caller's, if given
    std::array<Ptr<RedirectDaemon>, 2> m_daemons; //!< by host
};

} // namespace ns3

#endif /* REDIRECT_DAEMON_SCHEME_H */
