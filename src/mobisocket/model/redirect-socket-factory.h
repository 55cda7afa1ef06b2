/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REDIRECT_SOCKET_FACTORY_H
#define REDIRECT_SOCKET_FACTORY_H

#include "relocatable-socket-factory.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Creates RedirectableTcpSockets, the kernel part of the redirect
 *        daemon baseline (see RelocatableSocketFactory).
 *
 * Aggregate one to a node (RedirectDaemonHelper does) and ask for it by
 * name, e.g. BulkSendHelper("ns3::RedirectSocketFactory", address): the
 * applications use the kernel's sockets without knowing it.
 */
class RedirectSocketFactory : public RelocatableSocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RedirectSocketFactory();
};

} // namespace ns3

#endif /* REDIRECT_SOCKET_FACTORY_H */
