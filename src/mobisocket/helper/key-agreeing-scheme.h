/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef KEY_AGREEING_SCHEME_H
#define KEY_AGREEING_SCHEME_H

#include "mobility-scheme.h"

#include "ns3/boolean.h"
#include "ns3/node-container.h"
#include "ns3/string.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief What the TCP-R and TCP Migrate baselines share in the scenario:
 *        the host's TCP layer learns of the link loss (connections held,
 *        timers frozen) and of the new address (the connections move and
 *        tell their peers), and each connection's exchange is watched.
 */
class KeyAgreeingScheme : public MobilityScheme
{
  public:
    /// \return the traits: connections kept, the connection's own RTO, no rendezvous
    SignallingTraits GetSignallingTraits() const override;
    void Connected(Host host, Ptr<Socket> socket) override;
    void LinkLost(Host host) override;
    void AddressChanged(Host host, const IpAddress& address) override;

  protected:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit KeyAgreeingScheme(const SchemeParameters& parameters);

    /**
     * \brief Install the scheme's helper H on both hosts, its sockets set
     *        from the parameters (ResetTimer, congestion policy).
     * \tparam H the helper (a KeyAgreeingSocketHelper)
     * \param environment where
     */
    template <class H>
    void InstallHelper(const SchemeEnvironment& environment)
    {
        MobilityScheme::Install(environment);
        H helper;
        helper.SetSocketAttribute("ResetTimerAfterChange",
                                  BooleanValue(GetParameters().resetTimer));
        helper.SetSocketAttribute("CongestionPolicy",
                                  StringValue(GetParameters().congestionPolicy));
        helper.Install(NodeContainer(environment.hosts[0], environment.hosts[1]));
    }
};

} // namespace ns3

#endif /* KEY_AGREEING_SCHEME_H */
