/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_R_HELPER_H
#define TCP_R_HELPER_H

#include "key-agreeing-socket-helper.h"

#include "ns3/tcp-r-socket.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Makes nodes run the TCP-R model and stands in for the host's
 *        TCP-R layer learning of address changes (NotifyAddressLost(),
 *        NotifyNewAddress()).
 *
 * Install() (after InternetStackHelper::Install) puts a MobilityDemux, a
 * CryptoAgent and a TcpRSocketFactory on each node; applications then ask
 * for "ns3::TcpRSocketFactory".
 */
class TcpRHelper : public KeyAgreeingSocketHelper
{
  public:
    TcpRHelper();

    /**
     * \brief Install on each node (idempotent per node).
     * \param nodes the nodes
     */
    void Install(NodeContainer nodes) const;
};

} // namespace ns3

#endif /* TCP_R_HELPER_H */
